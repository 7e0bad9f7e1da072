@echo off
rem Opens the Bellwether workbench (bellwether, or bellwether --db PATH) or runs a command (bellwether import FOLDER).
rem The workbench starts on a desktop program's JVM settings (the serial collector, the quick compiler only); commands
rem keep the JVM's defaults. BELLWETHER_JAVA_OPTS adds JVM options of your own; one that chooses a garbage collector
rem replaces the serial one, and so does a heap size of your own (-Xmx, for a large portfolio: the JVM's default
rem collector is kept). See the shell script beside this one.
setlocal
set "JAR=%~dp0target\bellwether.jar"
if exist "%JAR%" goto found
echo bellwether: "%JAR%" is missing; build it first with: mvn -B -q package -DskipTests 1>&2
exit /b 1
:found
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
set "DESKTOP="
if "%~1"=="" set "DESKTOP=-XX:TieredStopAtLevel=1"
if "%~1"=="--db" set "DESKTOP=-XX:TieredStopAtLevel=1"
if "%~1"=="screenshots" set "DESKTOP=-XX:TieredStopAtLevel=1"
if not defined DESKTOP goto run
echo %BELLWETHER_JAVA_OPTS% %JDK_JAVA_OPTIONS% %JAVA_TOOL_OPTIONS% | findstr /c:"+UseSerialGC" /c:"+UseG1GC" /c:"+UseParallelGC" /c:"+UseZGC" /c:"+UseShenandoahGC" /c:"+UseEpsilonGC" /c:"-Xmx" /c:"MaxHeapSize=" /c:"MaxRAMPercentage=" >nul
if errorlevel 1 set "DESKTOP=-XX:+UseSerialGC %DESKTOP%"
:run
"%JAVA%" %DESKTOP% %BELLWETHER_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
